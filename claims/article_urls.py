from django.urls import path

from claims import article_views as views

# Under /articles/, beside articles.urls: the article pages that show claims.
urlpatterns = [
    path("", views.article_list, name="article-list"),
    path("<int:pk>/", views.article_detail, name="article-detail"),
]
