"""Addresses outside the language prefix: crawlers look for these at the site root."""

from django.urls import path

from . import views

urlpatterns = [
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-sections.xml", views.sitemap_sections, name="sitemap_sections"),
    path("sitemap-articles-<int64:number>.xml", views.sitemap_articles, name="sitemap_articles"),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
