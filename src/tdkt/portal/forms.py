"""Forms of the editors' pages. They only parse input; the services validate the rules and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.rules import is_system_admin
from tdkt.org.models import Unit
from tdkt.portal.models import Article, ArticlePhoto
from tdkt.portal.queries import categories
from tdkt.portal.services import SUMMARY_MAX_LENGTH

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
UPLOAD_ROWS = 4


class ArticleForm(forms.Form):
    title = forms.CharField(
        label=_("Tiêu đề"), required=False, max_length=Article._meta.get_field("title").max_length
    )
    category = forms.ModelChoiceField(label=_("Chuyên mục"), queryset=categories(), empty_label=None)
    published_on = forms.DateField(
        label=_("Ngày đăng"),
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    summary = forms.CharField(
        label=_("Tóm tắt"),
        required=False,
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Một, hai câu giới thiệu bài viết; hiện ở trang chủ và trong bản tin Atom."),
    )
    body = forms.CharField(
        label=_("Nội dung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Văn bản thuần; các đoạn cách nhau một dòng trống."),
    )
    author_line = forms.CharField(
        label=_("Dòng tác giả"),
        required=False,
        max_length=Article._meta.get_field("author_line").max_length,
        help_text=_("Ví dụ: Văn phòng Sở."),
    )
    author_unit = forms.ModelChoiceField(label=_("Đơn vị đưa tin"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only Phòng TĐKT writes for any unit; a unit's editors always write for their own unit.
        if is_system_admin(user):
            author_unit = self.fields["author_unit"]
            assert isinstance(author_unit, forms.ModelChoiceField)
            author_unit.queryset = Unit.objects.filter(is_active=True).order_by("name_sort")
        else:
            del self.fields["author_unit"]

    def disable(self) -> None:
        for field in self.fields.values():
            field.disabled = True


class PhotoRowForm(forms.Form):
    """One photo to upload with its caption (images are checked by the service, not here)."""

    image = forms.FileField(
        label=_("Ảnh"), required=False, widget=forms.ClearableFileInput(attrs={"accept": "image/*"})
    )
    caption = forms.CharField(
        label=_("Chú thích"), required=False, max_length=ArticlePhoto._meta.get_field("caption").max_length
    )


PhotoUploadFormSet = forms.formset_factory(PhotoRowForm, extra=UPLOAD_ROWS, max_num=UPLOAD_ROWS)


class CaptionForm(forms.Form):
    caption = forms.CharField(
        label=_("Chú thích"), required=False, max_length=ArticlePhoto._meta.get_field("caption").max_length
    )


class UnpublishForm(forms.Form):
    reason = forms.CharField(label=_("Lý do gỡ bài"), required=False, max_length=300)
