"""Django's ModelBackend, with the logged-in user read in as few queries as every page needs.

Every page a logged-in person opens asks who they are and, through Wagtail's user bar, whether they may use
the admin. Django reads a user's own permissions and their groups' permissions in two queries and Wagtail reads
the admin profile (theme, language) once more; here the profile comes with the user and the permissions in one
query. What a user may do is the same as with ModelBackend.
"""

from django.contrib.auth import backends, get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q


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
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                perms = Permission.objects.all()
            else:
                perms = Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in perms.values_list("content_type__app_label", "codename").distinct()
            }
        return user_obj._perm_cache


def prefetch_permissions(users):
    """Read the permissions of many users in one query, as `get_all_permissions` keeps them on each user: for
    lists that ask, per task, which of the users may take it (workflows.tasklist)."""
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
