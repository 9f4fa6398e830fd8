'use client';

import { useState } from 'react';
import { MediaLibrary } from './MediaLibrary';
import type { FieldErrors } from '@/lib/shared/errors';
import { IMAGE_TEXT_FIELDS } from './ImageDetails';
import type { LeadImageValue } from '@/lib/shared/validation/article-save';

// src only to show it here; it is not part of what is saved.
export type LeadImage = LeadImageValue & { src?: string };

// The article's lead image (الصورة الرئيسية), chosen from the media library, with its own
// alternative text, caption and credit for this article.
export function LeadImageField({
  value,
  readOnly,
  errors,
  onChange,
}: {
  value: LeadImage | null;
  readOnly: boolean;
  errors: FieldErrors;
  onChange: (value: LeadImage | null) => void;
}) {
  const [picking, setPicking] = useState(false);
  const set = (patch: Partial<LeadImage>) => value && onChange({ ...value, ...patch });

  return (
    <fieldset className="lead-image">
      <legend>الصورة الرئيسية</legend>
      {value ? (
        <>
          {/* eslint-disable-next-line @next/next/no-img-element -- an uploaded web size, already optimized */}
          {value.src ? <img src={value.src} alt={value.alt} className="lead-image-preview" /> : null}
          {IMAGE_TEXT_FIELDS.map((field) => (
            <div className="field" key={field.name}>
              <label htmlFor={`lead-${field.name}`}>{field.label}</label>
              <input
                id={`lead-${field.name}`}
                type="text"
                value={value[field.name]}
                readOnly={readOnly}
                maxLength={field.max}
                onChange={(e) => set({ [field.name]: e.target.value })}
              />
            </div>
          ))}
        </>
      ) : null}
      {errors.leadImage ? <p className="field-error">{errors.leadImage}</p> : null}
      {readOnly ? null : (
        <div className="button-row">
          <button type="button" onClick={() => setPicking(true)}>
            {value ? 'تغيير الصورة الرئيسية' : 'اختيار الصورة الرئيسية'}
          </button>
          {value ? (
            <button type="button" onClick={() => onChange(null)}>
              إزالة الصورة الرئيسية
            </button>
          ) : null}
        </div>
      )}
      {picking ? (
        <MediaLibrary
          onPick={(media) => {
            setPicking(false);
            onChange({
              mediaId: media.id,
              alt: value?.alt || media.alt,
              caption: value?.caption || media.caption,
              credit: value?.credit || media.credit,
              src: media.src,
            });
          }}
          onClose={() => setPicking(false)}
        />
      ) : null}
    </fieldset>
  );
}
