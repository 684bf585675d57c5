from django.urls import path

from claims import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("claims/", views.claim_list, name="claim-list"),
    path("claims/export.csv", views.claim_export_csv, name="claim-export-csv"),
    path("claims/export.json", views.claim_export_json, name="claim-export-json"),
    path("claims/speakers.json", views.speaker_suggestions, name="speaker-suggestions"),
    path("claims/stories.json", views.story_suggestions, name="story-suggestions"),
    path("claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    path("actors/", views.actor_list, name="actor-list"),
    path("actors/<int:pk>/", views.actor_detail, name="actor-detail"),
    path("stories/", views.story_list, name="story-list"),
    path("stories/<int:pk>/", views.story_detail, name="story-detail"),
    path("stories/<int:pk>/speakers/", views.story_speakers, name="story-speakers"),
]
