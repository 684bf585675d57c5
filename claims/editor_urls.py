"""URLs of the editor pages and writes (the analyst pages are in claims.urls)."""

from django.urls import path

from claims import editor_views as views
from claims import review_views

urlpatterns = [
    path("claims/<int:pk>/edit/", views.ClaimEdit.as_view(), name="claim-edit"),
    path("claims/<int:pk>/verify/", views.ClaimVerify.as_view(), name="claim-verify"),
    path("claims/<int:pk>/reject/", views.ClaimReject.as_view(), name="claim-reject"),
    path("claims/<int:pk>/note/", views.ClaimNote.as_view(), name="claim-note"),
    path("claims/<int:pk>/revisions/<int:revision_pk>/revert/", views.ClaimRevert.as_view(), name="claim-revert"),
    path("claims/<int:pk>/links/", views.LinkCreate.as_view(), name="claim-link-create"),
    path("claims/<int:pk>/links/<int:link_pk>/confirm/", views.LinkConfirm.as_view(), name="claim-link-confirm"),
    path("claims/<int:pk>/links/<int:link_pk>/dismiss/", views.LinkDismiss.as_view(), name="claim-link-dismiss"),
    path("claims/<int:pk>/story/", views.ClaimMoveStory.as_view(), name="claim-move-story"),
    path("stories/<int:pk>/rename/", views.StoryRename.as_view(), name="story-rename"),
    path("stories/<int:pk>/merge/", views.StoryMerge.as_view(), name="story-merge"),
    path("stories/<int:pk>/split/", views.StorySplit.as_view(), name="story-split"),
    path("review/", review_views.review_queue, name="review-queue"),
    path("review/bulk/", review_views.review_bulk, name="review-bulk"),
    path("review/mine/", review_views.my_edits, name="review-mine"),
    path("review/<int:pk>/", review_views.review_one, name="review-claim"),
    path("actors/new/", views.actor_new, name="actor-edit-new"),
    path("actors/create/", views.ActorCreate.as_view(), name="actor-create"),
    path("actors/lookup.json", views.actor_lookup, name="actor-lookup"),
    path("actors/<int:pk>/edit/", views.actor_edit, name="actor-edit"),
    path("actors/<int:pk>/aliases/", views.AliasAdd.as_view(), name="actor-alias-add"),
    path("actors/<int:pk>/aliases/<int:alias_pk>/remove/", views.AliasRemove.as_view(), name="actor-alias-remove"),
    path("actors/<int:pk>/merge/", views.ActorMergeInto.as_view(), name="actor-merge"),
    path("actors/<int:pk>/merges/<int:merge_pk>/undo/", views.ActorUnmerge.as_view(), name="actor-unmerge"),
]
