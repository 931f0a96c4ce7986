from django.urls import path

from . import views

app_name = "conversations"

urlpatterns = [
    path("reacties/pagina/<int:page_id>/", views.react, name="react"),
    path("reacties/<int:pk>/verbergen/", views.hide, name="hide"),
    path("reacties/<int:pk>/terugzetten/", views.unhide, name="unhide"),
    path("vraag-het-netwerk/", views.questions, name="questions"),
    path("vraag-het-netwerk/nieuw/", views.ask, name="ask"),
    path("vraag-het-netwerk/<int:pk>/", views.question, name="question"),
    path("vraag-het-netwerk/<int:pk>/antwoorden/", views.answer, name="answer"),
    path("vraag-het-netwerk/<int:pk>/antwoorden/<int:answer_pk>/hielp/", views.helpful, name="helpful"),
    path("vraag-het-netwerk/<int:pk>/verbergen/", views.hide_question, name="hide_question"),
    path("vraag-het-netwerk/<int:pk>/terugzetten/", views.unhide_question, name="unhide_question"),
    path(
        "vraag-het-netwerk/<int:pk>/antwoorden/<int:answer_pk>/verbergen/",
        views.hide_question,
        name="hide_answer",
    ),
    path(
        "vraag-het-netwerk/<int:pk>/antwoorden/<int:answer_pk>/terugzetten/",
        views.unhide_question,
        name="unhide_answer",
    ),
    path("vraag-het-netwerk/geen-e-mail/<str:token>/", views.stop_mail, name="stop_mail"),
]
