"""Private file storage: uploads that are not meant for everyone.

Files in it live outside MEDIA_ROOT (settings STORAGES["private"]) and have no URL of their own, so nothing
under /media/ serves them; a view that checks who may read the file streams it (e.g. a handover document).
"""

from django.core.files.storage import FileSystemStorage, storages


class PrivateStorage(FileSystemStorage):
    def url(self, name):
        raise NotImplementedError(
            "Private files have no public URL; serve them through a view that checks access."
        )


def private_storage():
    """The configured private storage; a callable so that migrations do not record the settings."""
    return storages["private"]
