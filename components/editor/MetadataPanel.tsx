'use client';

import { memo } from 'react';

import type { FieldErrors } from '@/lib/shared/errors';
import type { ArticleFieldValues } from '@/lib/shared/validation/article-save';
import { LeadImageField, type LeadImage } from './LeadImageField';
import type { Metadata } from './save-machine';
import { TagsField, type SuggestTags } from './TagsField';

type Edit = <F extends keyof Metadata>(field: F, value: Metadata[F]) => void;

function FieldError({ id, error }: { id?: string; error?: string }) {
  return error ? (
    <p id={id} className="field-error">
      {error}
    </p>
  ) : null;
}

// The headline and the deck, above the body.
export const HeadlineFields = memo(function HeadlineFields({
  values,
  errors,
  readOnly,
  autoFocus,
  edit,
}: {
  values: Metadata;
  errors: FieldErrors;
  readOnly: boolean;
  autoFocus: boolean;
  edit: Edit;
}) {
  return (
    <>
      <div className="field">
        <label htmlFor="headline">العنوان</label>
        <input
          id="headline"
          type="text"
          className="headline-input"
          value={values.headline}
          readOnly={readOnly}
          // A new article starts where writing starts: its headline.
          autoFocus={autoFocus}
          maxLength={300}
          aria-invalid={errors.headline ? true : undefined}
          aria-describedby={errors.headline ? 'headline-error' : undefined}
          onChange={(e) => edit('headline', e.target.value)}
        />
        <FieldError id="headline-error" error={errors.headline} />
      </div>
      <div className="field">
        <label htmlFor="deck">العنوان الفرعي</label>
        <textarea
          id="deck"
          rows={2}
          className="deck-input"
          value={values.deck}
          readOnly={readOnly}
          maxLength={500}
          aria-invalid={errors.deck ? true : undefined}
          onChange={(e) => edit('deck', e.target.value)}
        />
        <FieldError error={errors.deck} />
      </div>
    </>
  );
});

// The article's other fields, in the side panel.
export const MetadataPanel = memo(function MetadataPanel({
  values,
  slugShown,
  sections,
  authorName,
  leadImageSrc,
  errors,
  readOnly,
  edit,
  onLeadImageSrc,
  suggestTags,
}: {
  values: Metadata;
  // What the slug field shows: the stored slug while the slug follows the headline.
  slugShown: string;
  sections: { id: number; name: string }[];
  authorName: string;
  leadImageSrc: string | undefined;
  errors: FieldErrors;
  readOnly: boolean;
  edit: Edit;
  onLeadImageSrc: (mediaId: number, src: string) => void;
  suggestTags: SuggestTags;
}) {
  const lead: LeadImage | null = values.leadImage && { ...values.leadImage, src: leadImageSrc };
  return (
    <>
      <div className="field">
        <label htmlFor="slug">الرابط المختصر</label>
        <input
          id="slug"
          type="text"
          dir="auto"
          value={slugShown}
          readOnly={readOnly}
          maxLength={120}
          aria-describedby="slug-hint"
          aria-invalid={errors.slug ? true : undefined}
          onChange={(e) => edit('slug', e.target.value)}
        />
        <p id="slug-hint" className="muted hint">
          يُصنع من العنوان؛ امسحه ليعود إلى اتّباع العنوان.
        </p>
        <FieldError error={errors.slug} />
      </div>
      <div className="field">
        <label htmlFor="section">القسم</label>
        <select
          id="section"
          value={values.sectionId ?? ''}
          disabled={readOnly}
          aria-invalid={errors.sectionId ? true : undefined}
          onChange={(e) => edit('sectionId', e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">— بلا قسم —</option>
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <FieldError error={errors.sectionId} />
      </div>
      <LeadImageField
        value={lead}
        readOnly={readOnly}
        errors={errors}
        onChange={(value) => {
          if (value?.src) onLeadImageSrc(value.mediaId, value.src);
          const saved: ArticleFieldValues['leadImage'] = value && {
            mediaId: value.mediaId,
            alt: value.alt,
            caption: value.caption,
            credit: value.credit,
          };
          edit('leadImage', saved);
        }}
      />
      <TagsField
        tags={values.tags}
        readOnly={readOnly}
        error={errors.tags}
        suggest={suggestTags}
        onChange={(tags) => edit('tags', tags)}
      />
      <div className="field">
        <label htmlFor="dateline">مكان الخبر</label>
        <input
          id="dateline"
          type="text"
          value={values.dateline}
          readOnly={readOnly}
          maxLength={100}
          aria-invalid={errors.dateline ? true : undefined}
          onChange={(e) => edit('dateline', e.target.value)}
        />
        <FieldError error={errors.dateline} />
      </div>
      <div className="field">
        <label htmlFor="byline">الكاتب</label>
        <input
          id="byline"
          type="text"
          value={values.byline}
          placeholder={authorName}
          readOnly={readOnly}
          maxLength={120}
          aria-invalid={errors.byline ? true : undefined}
          onChange={(e) => edit('byline', e.target.value)}
        />
        <FieldError error={errors.byline} />
      </div>
    </>
  );
});
