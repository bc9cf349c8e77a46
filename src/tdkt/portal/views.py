"""The portal: public pages readable without signing in, and the editors' pages.

Public pages read through :func:`public_articles` / :func:`articles_for_user`, so a draft is a 404 for anyone
who may not edit it; photos are served by :func:`photo` under the same rule. Editors' pages fetch articles through
:func:`editable_articles_for_user` (another unit's article is a 404) and write only through the services.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.core.refusals import form_errors, show_errors
from tdkt.documents.queries import verified_record
from tdkt.meetings.queries import meetings_for_user
from tdkt.org.models import Province
from tdkt.portal import services
from tdkt.portal.enums import ArticleState
from tdkt.portal.forms import ArticleForm, CaptionForm, PhotoUploadFormSet, UnpublishForm
from tdkt.portal.from_meeting import draft_article_from_meeting
from tdkt.portal.models import Article, ArticlePhoto, Category
from tdkt.portal.queries import (
    articles_for_user,
    categories_with_articles,
    editable_articles_for_user,
    gallery,
    managed_articles,
    photos_for_user,
    public_articles,
)

PAGE_SIZE = 10
MANAGE_PAGE_SIZE = 30
PUBLIC_PHOTO_MAX_AGE = 3600


def _page(request: HttpRequest, items: Any, size: int = PAGE_SIZE) -> Any:
    return Paginator(items, size).get_page(request.GET.get("trang"))


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


# --- public pages ---------------------------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    """The front page: the latest published articles with their cover thumbnails."""
    context = {
        "province": Province.objects.first(),
        "page": _page(request, public_articles()),
        "categories": categories_with_articles(),
    }
    return render(request, "portal/index.html", context)


def category(request: HttpRequest, slug: str) -> HttpResponse:
    current = get_object_or_404(Category, slug=slug)
    context = {
        "category": current,
        "page": _page(request, public_articles(current)),
        "categories": categories_with_articles(),
    }
    return render(request, "portal/category.html", context)


def article(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(articles_for_user(request.user), slug=slug)
    context = {
        "article": item,
        "photos": gallery(item),
        "may_edit": request.user.has_perm("portal.change_article", item),
    }
    return render(request, "portal/article.html", context)


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """The page a certificate's QR code opens (public): the recipient, the award, the decision and its issuer.
    A malformed, forged or unknown code, or an entry cancelled by a correction, gets only "Không tìm thấy"
    (404), with nothing to tell those cases apart."""
    record = verified_record(code)
    if record is None:
        response = render(request, "portal/verify.html", {"record": None}, status=404)
    else:
        response = render(request, "portal/verify.html", {"record": record, "decision": record.decision})
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def _serve(request: HttpRequest, pk: int, field_name: str) -> FileResponse:
    item = get_object_or_404(photos_for_user(request.user), pk=pk)
    field: FieldFile = getattr(item, field_name)
    try:
        response = FileResponse(field.open("rb"))
    except FileNotFoundError:
        raise Http404 from None
    if item.article.is_published:
        patch_cache_control(response, public=True, max_age=PUBLIC_PHOTO_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def photo(request: HttpRequest, pk: int) -> FileResponse:
    """A gallery photo at full size (only if the reader may read its article)."""
    return _serve(request, pk, "image")


def thumbnail(request: HttpRequest, pk: int) -> FileResponse:
    return _serve(request, pk, "thumbnail")


# --- editors' pages -------------------------------------------------------------------------------------------


def _require_editor(request: HttpRequest) -> None:
    if not request.user.has_perm("portal.add_article"):
        raise PermissionDenied(
            _("Chỉ cán bộ thi đua, lãnh đạo đơn vị và Phòng TĐKT viết bài cho cổng thông tin.")
        )


def _editable(request: HttpRequest, pk: int) -> Article:
    return get_object_or_404(editable_articles_for_user(request.user), pk=pk)


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """The editor's articles in every state, drafts included; ``?trang-thai=draft`` filters by state."""
    _require_editor(request)
    state = request.GET.get("trang-thai", "")
    context = {
        "page": _page(request, managed_articles(request.user, state), MANAGE_PAGE_SIZE),
        "state": state if state in ArticleState.values else "",
        "states": ArticleState.choices,
    }
    return render(request, "portal/manage.html", context)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    user: Any = request.user
    form = ArticleForm(
        request.POST or None,
        user=user,
        initial={"published_on": timezone.localdate(), "author_unit": getattr(user, "unit_id", None)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.create_draft_article(
                user,
                title=data["title"],
                category=data["category"],
                summary=data["summary"],
                body=data["body"],
                author_unit=data.get("author_unit") or user.unit,  # editors of a unit write for it
                author_line=data["author_line"],
                published_on=data["published_on"],
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Đã lưu bản nháp. Thêm ảnh rồi đăng bài khi sẵn sàng."))
            return redirect("portal:edit", item.pk)
    return render(request, "portal/edit.html", {"form": form, "article": None})


def _edit_context(request: HttpRequest, item: Article, form: ArticleForm | None = None) -> dict[str, Any]:
    if form is not None and not item.is_editable:
        # A refused change of a published article: say why, and show the article as it stands.
        for message in form.non_field_errors():
            messages.error(request, str(message))
        form = None
    if form is None:
        form = ArticleForm(
            user=request.user,
            initial={
                "title": item.title,
                "category": item.category_id,
                "published_on": item.published_on,
                "summary": item.summary,
                "body": item.body,
                "author_line": item.author_line,
                "author_unit": item.author_unit_id,
            },
        )
    if not item.is_editable:
        form.disable()
    return {
        "form": form,
        "article": item,
        "uploads": PhotoUploadFormSet(prefix="anh"),
        "unpublish_form": UnpublishForm(),
        **_gallery_context(item),
    }


def _gallery_context(item: Article, error: str = "") -> dict[str, Any]:
    photos = list(gallery(item))
    return {
        "article": item,
        "photos": [(p, CaptionForm(initial={"caption": p.caption}, prefix=f"anh-{p.pk}")) for p in photos],
        "gallery_error": error,
    }


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _editable(request, pk)
    if request.method == "POST":
        try:
            services.require_editable(item)  # a published article: say so, whatever was typed
        except ValidationError as error:
            show_errors(request, error)
            return redirect("portal:edit", item.pk)
        form = ArticleForm(request.POST, user=request.user)
        if form.is_valid():
            changes = dict(form.cleaned_data)
            try:
                item = services.update_article(request.user, item, **changes)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("Đã lưu bài viết."))
                return redirect("portal:edit", item.pk)
        return render(request, "portal/edit.html", _edit_context(request, item, form))
    return render(request, "portal/edit.html", _edit_context(request, item))


@login_required
@require_POST
def upload_photos(request: HttpRequest, pk: int) -> HttpResponse:
    item = _editable(request, pk)
    formset = PhotoUploadFormSet(request.POST, request.FILES, prefix="anh")
    if not formset.is_valid():
        messages.error(request, _("Không đọc được danh sách ảnh gửi lên."))
        return redirect("portal:edit", item.pk)
    photos = [
        (row["image"], row.get("caption", "")) for row in formset.cleaned_data if row and row.get("image")
    ]
    try:
        added = services.add_photos(request.user, item, photos)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Đã thêm %(count)s ảnh.") % {"count": len(added)})
    return redirect("portal:edit", item.pk)


def _gallery_response(
    request: HttpRequest, item: Article, error: ValidationError | None = None
) -> HttpResponse:
    """HTMX gets the gallery fragment back (with the error, if any); a plain form post is redirected."""
    if _is_htmx(request):
        item.refresh_from_db()
        message = " ".join(error.messages) if error is not None else ""
        return render(request, "portal/edit.html#gallery", _gallery_context(item, message))
    if error is not None:
        show_errors(request, error)
    return redirect("portal:edit", item.pk)


def _editable_photo(request: HttpRequest, pk: int, photo_pk: int) -> tuple[Article, ArticlePhoto]:
    item = _editable(request, pk)
    return item, get_object_or_404(item.photos.select_related("article"), pk=photo_pk)


@login_required
@require_POST
def caption(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    item, target = _editable_photo(request, pk, photo_pk)
    form = CaptionForm(request.POST, prefix=f"anh-{target.pk}")
    try:
        if not form.is_valid():
            raise ValidationError(list(form.errors["caption"]))
        services.update_photo_caption(request.user, target, form.cleaned_data["caption"])
    except ValidationError as error:
        return _gallery_response(request, item, error)
    return _gallery_response(request, item)


@login_required
@require_POST
def cover(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    item, target = _editable_photo(request, pk, photo_pk)
    try:
        services.set_cover(request.user, item, target)
    except ValidationError as error:
        return _gallery_response(request, item, error)
    return _gallery_response(request, item)


@login_required
@require_POST
def remove_photo(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    item, target = _editable_photo(request, pk, photo_pk)
    try:
        services.remove_photo(request.user, target)
    except ValidationError as error:
        return _gallery_response(request, item, error)
    return _gallery_response(request, item)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = _editable(request, pk)
    try:
        item = services.publish_article(request.user, item)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("portal:edit", item.pk)
    messages.success(request, _("Đã đăng bài viết lên cổng thông tin."))
    return redirect(item.get_absolute_url())


@login_required
@require_POST
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    item = _editable(request, pk)
    form = UnpublishForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.unpublish_article(request.user, item, reason=reason)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Đã gỡ bài viết khỏi cổng thông tin; có thể sửa và đăng lại."))
    return redirect("portal:edit", item.pk)


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = _editable(request, pk)
    try:
        services.delete_draft(request.user, item)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("portal:edit", item.pk)
    messages.success(request, _("Đã xóa bản nháp."))
    return redirect("portal:manage")


@login_required
@require_POST
def draft_from_meeting(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """ "Soạn tin" on a held conference: a draft article with its photos, opened for the editor to revise. The
    service decides who may (the host unit's editors, Phòng TĐKT) and when (once the meeting is held)."""
    meeting = get_object_or_404(meetings_for_user(request.user), pk=meeting_pk)
    try:
        item = draft_article_from_meeting(request.user, meeting)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("meetings:detail", meeting.pk)
    messages.success(request, _("Đã soạn bản nháp tin bài từ hội nghị; hãy biên tập rồi đăng."))
    return redirect("portal:edit", item.pk)
