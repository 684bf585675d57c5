from django.urls import path

from articles import views

urlpatterns = [
    path("", views.article_list, name="article-list"),
    path("new/", views.article_new, name="article-new"),
    path("<int:pk>/", views.article_detail, name="article-detail"),
    path("<int:pk>/status/", views.article_status, name="article-status"),
    path("<int:pk>/retry/", views.article_retry, name="article-retry"),
]
