# Distinct prefixes (coalitie-starten/, coalitie/, mijn/coalities/) so they never shadow pages below /coalities/.
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
    path("coalitie/<int:page_id>/berichten/<int:pk>/", views.update_detail, name="update_detail"),
    # Writing for one's own coalition, from /mijn/ (issue 19.1 and 19.4).
    path("mijn/coalities/<int:page_id>/activiteit/nieuw/", views.activity_new, name="activity_new"),
    path("mijn/coalities/activiteit/<int:pk>/", views.activity_edit, name="activity_edit"),
    path("mijn/coalities/<int:page_id>/bericht/", views.update_new, name="update_new"),
    path("mijn/coalities/bericht/<int:pk>/", views.update_edit, name="update_edit"),
    path("mijn/coalities/bericht/<int:pk>/versturen/", views.update_send, name="update_send"),
]
