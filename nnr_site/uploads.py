"""Checking uploads that people download again: an allow-list of extensions, checked by content too.

A name ending in ".pdf" says nothing; an HTML or script file renamed to look like a document would otherwise be
stored and handed out again. Each allowed kind is recognised by its first bytes (or, for the ZIP-based office
formats, by the part that makes a ZIP a document of that kind). The standard library suffices: no file-type
library is needed for this short list.
"""

import zipfile
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

# extension: the content type it is served with
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain; charset=utf-8",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
SIGNATURES = {"pdf": b"%PDF-", "png": b"\x89PNG\r\n\x1a\n", "jpg": b"\xff\xd8\xff", "jpeg": b"\xff\xd8\xff"}
OFFICE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def max_upload_size():
    return settings.NNR_PRIVATE_UPLOAD_MAX_SIZE


def content_type(name):
    """The content type a stored file is served with; anything unknown is served as plain bytes."""
    return CONTENT_TYPES.get(extension(name), "application/octet-stream")


def extension(name):
    return PurePath(name or "").suffix.lstrip(".").lower()


def _is_zip_document(upload, ext):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if ext == "odt":
                return "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE
            return "[Content_Types].xml" in names and OFFICE_PARTS[ext] in names
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return False


def _is_plain_text(upload):
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text and not text.lstrip().startswith("<")


def _content_matches(upload, ext):
    upload.seek(0)
    try:
        if ext in SIGNATURES:
            return upload.read(len(SIGNATURES[ext])) == SIGNATURES[ext]
        if ext in OFFICE_PARTS or ext == "odt":
            return _is_zip_document(upload, ext)
        return _is_plain_text(upload)
    finally:
        upload.seek(0)


def check_document(upload):
    """Raise a ValidationError (Dutch, for next to the field) unless the upload is an allowed document.

    Returns the checked extension, lower case, to store the file under.
    """
    ext = extension(upload.name)
    allowed = ", ".join(sorted(CONTENT_TYPES))
    if ext not in CONTENT_TYPES:
        raise ValidationError(
            _("Dit soort bestand kunt u niet toevoegen. Toegestaan zijn: %(allowed)s.")
            % {"allowed": allowed},
            code="extension",
        )
    if upload.size > max_upload_size():
        raise ValidationError(
            _("Dit bestand is te groot: het mag hoogstens %(size)s zijn.")
            % {"size": filesizeformat(max_upload_size())},
            code="size",
        )
    if not _content_matches(upload, ext):
        raise ValidationError(
            _("De inhoud van dit bestand past niet bij de extensie .%(ext)s. Kies een echt %(ext)s-bestand.")
            % {"ext": ext},
            code="content",
        )
    return ext


IMAGE_EXTENSIONS = ("jpg", "jpeg", "png")


def check_image(upload):
    """Raise a ValidationError (Dutch, for next to the field) unless the upload is a JPG or PNG image no larger
    than Wagtail's image limit whose content is what its extension says. For images that go into Wagtail's
    image library from a site form (a coalition's activity)."""
    if extension(upload.name) not in IMAGE_EXTENSIONS:
        raise ValidationError(_("Kies een afbeelding in JPG- of PNG-formaat."), code="extension")
    if upload.size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("Deze afbeelding is te groot: hij mag hoogstens %(size)s zijn.")
            % {"size": filesizeformat(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)},
            code="size",
        )
    check_document(upload)  # the content must be what the extension says
    return upload


class ImageUploadField(forms.FileField):
    """An optional JPG or PNG from a site form, checked by ``check_image`` (its errors show at the field)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.ClearableFileInput({"accept": "image/jpeg,image/png"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return check_image(upload) if upload else None


def store_image(upload, *, title, collection, user):
    """Put a checked upload into Wagtail's image library, in ``collection``, as Wagtail's own image forms do."""
    image = get_image_model()(title=title, file=upload, collection=collection, uploaded_by_user=user)
    image._set_image_file_metadata()  # file size and hash
    image.save()
    return image
