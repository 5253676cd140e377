"""The translation desk: translate a page (and the snippets its byline names) into a locale.

Flow of `translate_page`:
1. refresh wagtail-localize's segments of the source page (its TranslationSource);
2. list every string of the page and of its related snippets (source, authors, countries)
   that has no translation in the target locale yet, plus the page's tag names;
3. machine-translate them all at once, glossary protected (batched by the backend) — a
   failure here raises TranslatorError before anything is written;
4. in one transaction: store the strings as wagtail-localize StringTranslations, translate
   the snippets, build the target page from the segments, point its byline, countries,
   related stories and tags at their target-language versions, publish, record the status.
Without a machine translator only the Translation is set up and the editor finishes the
strings by hand in wagtail-localize's side-by-side editor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.strings import StringValue

from bigasia.core.slugs import transliterate_slug

from .glossary import Glossary
from .machine import MachineTranslator, get_translator
from .models import TranslationStatus

KEPT_AS_IS = {"slug"}  # contexts copied, never translated (slugs are ASCII already)


@dataclass
class Work:
    """Strings still missing in the target locale, for one translation source."""

    source: TranslationSource
    segments: list[StringSegment] = field(default_factory=list)


@dataclass
class DeskResult:
    page: Page
    translation: Translation
    machine_translated: int  # strings the machine translated in this run
    needs_manual: bool  # no translator: the editor translates in the side-by-side editor


def source_snapshot(instance: models.Model) -> dict[str, str]:
    """{context path: text} of an object's translatable strings as they are now."""
    return {
        segment.path: segment.string.data
        for segment in extract_segments(instance)
        if hasattr(segment, "string") and segment.path not in KEPT_AS_IS
    }


def related_snippets(page: Page) -> list[TranslatableMixin]:
    """Translatable non-page objects the page points at, directly or through its inlines."""
    found = []
    for owner in [page, *_children(page)]:
        for fk in owner._meta.concrete_fields:
            if _is_translatable_fk(fk):
                target = getattr(owner, fk.name)
                if target is not None:
                    found.append(target)
    return found


def _children(page: Page) -> list[models.Model]:
    return [
        child
        for relation in get_all_child_relations(page)
        for child in getattr(page, relation.get_accessor_name()).all()
    ]


def _is_translatable_fk(fk: models.Field) -> bool:
    return (
        isinstance(fk, models.ForeignKey)
        and isinstance(fk.related_model, type)  # not the unresolved "self"
        and issubclass(fk.related_model, TranslatableMixin)
        and not issubclass(fk.related_model, Page)
    )


def pending_work(instance: models.Model, locale: Locale) -> Work:
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    done = StringTranslation.objects.filter(
        locale=locale,
        translation_of_id=models.OuterRef("string_id"),
        context_id=models.OuterRef("context_id"),
    )
    segments = list(
        StringSegment.objects.filter(source=source)
        .exclude(models.Exists(done))
        .select_related("string", "context")
        .order_by("order")
    )
    return Work(source, segments)


def is_original_towards(page: Page, locale: Locale) -> bool:
    """May `page` be translated into `locale` without overwriting an original?

    Never when the page in `locale` is itself the source of a wagtail-localize translation;
    otherwise when there is no page in `locale` yet, when `page` was the source before, or
    when `page` is in the site's source language (the demo's Russian originals).
    """
    sources = TranslationSource.objects.filter(object_id=page.translation_key)
    if sources.filter(locale=locale).exists():
        return False
    if page.get_translation_or_none(locale) is None:
        return True
    return sources.filter(locale=page.locale).exists() or (
        page.locale.language_code == settings.LANGUAGE_CODE
    )


def translate_page(
    page: Page, locale: Locale, user=None, translator: MachineTranslator | None = None
) -> DeskResult:
    """Create or update `page`'s translation into `locale` (see the module docstring)."""
    page = page.specific
    translator = translator if translator is not None else get_translator()
    snippets = [s for s in related_snippets(page) if not _has_translation(s, locale)]
    page_work = pending_work(page, locale)
    snippet_work = [pending_work(snippet, locale) for snippet in snippets]
    translation, _created = Translation.objects.get_or_create(
        source=page_work.source, target_locale=locale, defaults={"enabled": True}
    )
    if translator is None:
        return _prepare_for_hand_translation(page, translation, user)

    source_lang, target_lang = page.locale.language_code, locale.language_code
    tags = [tag.name for tag in page.tags.all()] if hasattr(page, "tags") else []
    texts = [
        s.string.data
        for w in [page_work, *snippet_work]
        for s in w.segments
        if s.context.path not in KEPT_AS_IS
    ]
    translated = machine_translate(translator, texts + tags, source_lang, target_lang)
    by_text = dict(zip(texts + tags, translated, strict=True))

    with transaction.atomic():
        for work in snippet_work:
            _store(work, locale, by_text, translator, user)
            work.source.create_or_update_translation(locale, user=user)
        _store(page_work, locale, by_text, translator, user, page=page)
        target = _build_target(page_work.source, page, locale, user, [by_text[t] for t in tags])
        _record_status(translation, page, target, translator.display_name, bool(texts))
    return DeskResult(target, translation, len(texts), needs_manual=False)


def machine_translate(
    translator: MachineTranslator, texts: list[str], source: str, target: str
) -> list[str]:
    """Translate texts (deduplicated) with the glossary protected before and enforced after."""
    if not texts:
        return []
    glossary = Glossary.load(source, target)
    unique = list(dict.fromkeys(texts))
    protected = [glossary.protect(text) for text in unique]
    answers = translator.translate(protected, source, target)
    restored = {
        text: glossary.restore(answer) for text, answer in zip(unique, answers, strict=True)
    }
    return [restored[text] for text in texts]


def _has_translation(instance: TranslatableMixin, locale: Locale) -> bool:
    return instance.get_translations(inclusive=True).filter(locale=locale).exists()


def _store(work: Work, locale: Locale, by_text: dict, translator, user, page=None) -> None:
    for segment in work.segments:
        if segment.context.path in KEPT_AS_IS:
            data = _kept_value(segment, locale, by_text, page)
        else:
            data = StringValue.from_translated_html(by_text[segment.string.data]).data
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                "tool_name": translator.display_name,
                "last_translated_by": user,
                "has_error": False,
                "field_error": "",
            },
        )


def _kept_value(segment: StringSegment, locale: Locale, by_text: dict, page) -> str:
    """A slug: the existing translation's, or one made from the translated title."""
    if page is None:
        return segment.string.data  # snippet slugs (countries) are the same in every language
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.slug
    title_data = StringValue.from_plaintext(page.title).data
    title = StringValue(by_text.get(title_data, title_data)).render_text()
    return transliterate_slug(title) or segment.string.data


def _build_target(source: TranslationSource, page: Page, locale: Locale, user, tags: list[str]):
    """Build the target page from the segments, fix its links to other objects, publish it."""
    target, _created = source.create_or_update_translation(
        locale, user=user, publish=False, copy_parent_pages=True
    )
    target = target.specific
    for relation in get_all_child_relations(target):
        manager = getattr(target, relation.get_accessor_name())
        children = list(manager.all())
        for child in children:
            _localize_links(child, locale)
        manager.set(children)  # in memory until the revision is published
    if hasattr(target, "tags"):
        _set_tags(target, tags)
    revision = target.save_revision(user=user)
    if page.permissions_for_user(user).can_publish() if user else True:
        revision.publish(user=user)
    return type(target).objects.get(pk=target.pk)


def _set_tags(page: Page, names: list[str]) -> None:
    """Replace the page's tags (copied from the source) with the translated names."""
    through = type(page).tags.through
    tag_model = through.tag_model()
    tags = [
        tag_model.objects.filter(name=name).first() or tag_model.objects.create(name=name)
        for name in dict.fromkeys(names)
    ]
    relation = through._meta.get_field("content_object").remote_field.related_name
    getattr(page, relation).set([through(tag=tag) for tag in tags])


def _localize_links(child: models.Model, locale: Locale) -> None:
    """Point an inline's snippet or page link at its version in the target locale."""
    for fk in child._meta.concrete_fields:
        if not isinstance(fk, models.ForeignKey) or isinstance(fk.remote_field.model, str):
            continue
        linked = getattr(child, fk.name, None)
        if isinstance(linked, TranslatableMixin) and linked.locale_id != locale.pk:
            counterpart = linked.get_translation_or_none(locale)
            if counterpart is not None:
                setattr(child, fk.name, counterpart)


def _prepare_for_hand_translation(page: Page, translation: Translation, user) -> DeskResult:
    """No machine translator: make sure a target exists for the side-by-side editor.

    A new target is a draft holding the source text (readers never see it) until the
    editor has translated every string and publishes from the side-by-side editor.
    """
    target = page.get_translation_or_none(translation.target_locale)
    if target is None:
        target, _created = translation.source.create_or_update_translation(
            translation.target_locale,
            user=user,
            publish=False,
            copy_parent_pages=True,
            fallback=True,
        )
    if not TranslationStatus.objects.filter(translation=translation).exists():
        _record_status(translation, page, target, "", True, state=TranslationStatus.MANUAL)
    return DeskResult(target, translation, 0, needs_manual=True)


def record_editor_machine_translation(translation: Translation, tool: str) -> None:
    """The side-by-side editor's machine button ran: the translation is unreviewed again."""
    page = translation.source.get_source_instance()
    _record_status(translation, page, translation.get_target_instance(), tool, True)


def _record_status(translation, page, target, tool: str, machine_made: bool, state=None) -> None:
    """Create or refresh the status; a run that machine-made nothing keeps the review state."""
    status, created = TranslationStatus.objects.get_or_create(
        translation=translation,
        defaults={
            "source_page": page,
            "target_page": target,
            "source_language": page.locale.language_code,
            "translated_at": timezone.now(),
            "state": state or TranslationStatus.MACHINE,
        },
    )
    if not created and not machine_made:
        return
    status.state = state or TranslationStatus.MACHINE
    status.tool_name = tool
    status.translated_at = timezone.now()
    status.source_changed = False
    status.changed_paths = []
    status.source_snapshot = source_snapshot(page)
    status.target_page = target
    status.save()
