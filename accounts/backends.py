"""Django's ModelBackend, with the logged-in user read in as few queries as every page needs.

Every page a logged-in person opens asks who they are, and many ask what they may do (use the admin, edit
this page). Django reads a user's own permissions and their groups' permissions in two queries and Wagtail reads
the admin profile (theme, language) once more; here the profile comes with the user and the permissions in one
query. What a user may do is the same as with ModelBackend.
"""

from django.contrib.auth import backends, get_user_model
from django.contrib.auth.models import Permission


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        try:
            user = get_user_model()._default_manager.select_related("wagtail_userprofile").get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        prefetch_permissions([user_obj])
        return user_obj._perm_cache


def prefetch_permissions(users):
    """Read the permissions of users that are not known yet in one query (their own and their groups'), kept on
    each user where Django's ModelBackend keeps them: for one user per request (`get_all_permissions`) and for
    lists that ask, per task, which of many users may take it (workflows.tasklist)."""
    users = [u for u in users if u.is_active and not hasattr(u, "_perm_cache")]
    if any(u.is_superuser for u in users):
        every = {f"{a}.{c}" for a, c in Permission.objects.values_list("content_type__app_label", "codename")}
    ids = [u.pk for u in users if not u.is_superuser]
    found = {pk: set() for pk in ids}
    if ids:
        direct = (
            Permission.objects.filter(user__in=ids)
            .values_list("user__id", "content_type__app_label", "codename")
            .order_by()
        )
        via_groups = (
            Permission.objects.filter(group__user__in=ids)
            .values_list("group__user__id", "content_type__app_label", "codename")
            .order_by()
        )
        for pk, app_label, codename in direct.union(via_groups):
            found[pk].add(f"{app_label}.{codename}")
    for user in users:
        user._perm_cache = every if user.is_superuser else found[user.pk]
