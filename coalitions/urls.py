# Distinct prefixes (coalitie-starten/, coalitie/) so they never shadow pages below /coalities/.
from django.urls import path

from . import views

app_name = "coalitions"
urlpatterns = [
    path("coalitie-starten/", views.start_coalition, name="start"),
    path("coalitie/<int:page_id>/meedoen/", views.request_join, name="request_join"),
    path("coalitie/<int:page_id>/verlaten/", views.leave, name="leave"),
    path("coalitie/<int:page_id>/verzoeken/", views.join_requests, name="join_requests"),
    path("coalitie/verzoek/<int:pk>/besluit/", views.decide, name="decide"),
    path("coalitie/uitnodiging/<int:pk>/antwoord/", views.answer_invitation, name="answer_invitation"),
]
