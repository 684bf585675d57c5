from django.urls import path

from articles import views

urlpatterns = [
    path("new/", views.article_new, name="article-new"),
    path("<int:pk>/status/", views.article_status, name="article-status"),
    path("<int:pk>/retry/", views.article_retry, name="article-retry"),
]
