"""Admin wiring of the "Taken" area (URLs under /admin/taken/, the menu item, the dashboard's "Mijn taken"
panel) and the "Mijn taken" panel on the site's /mijn/; all show the rows of workflows.tasklist."""

from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_urls, permissions, tasklist


@hooks.register("register_admin_urls")
def register_taken_urls():
    return [path("taken/", include(admin_urls, namespace="taken"))]


class TakenMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(permissions.visible_flows(request.user))


@hooks.register("register_admin_menu_item")
def register_taken_menu_item():
    return TakenMenuItem(_("Taken"), reverse("taken:inbox"), name="taken", icon_name="tasks", order=250)


class MyTasksPanel(Component):
    name = "mijn_taken"
    order = 50
    template_name = "workflows/my_tasks_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        rows = tasklist.rows_for(self.user)
        return {"rows": rows[:10], "count": len(rows), "queue_count": sum(1 for r in rows if not r.owner)}


@hooks.register("construct_homepage_panels")
def add_my_tasks_panel(request, panels):
    if permissions.visible_flows(request.user):
        panels.append(MyTasksPanel(request.user))


@hooks.register("nnr_account_panels", order=-20)
def my_tasks_panel(request, contact):
    """The panel "Mijn taken" on /mijn/, first: it asks something of the person. For everyone with a log-in."""
    return render_to_string(
        "workflows/account_panel.html", {"rows": tasklist.rows_for(request.user)}, request=request
    )
