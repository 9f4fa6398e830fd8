'use client';

import { NodeSelection } from '@tiptap/pm/state';
import { useEditorState, type Editor } from '@tiptap/react';
import { IMAGE_CREDIT_MAX, IMAGE_TEXT_MAX, type ArticleImageAttrs } from '@/lib/document/image';

type ImageText = Pick<ArticleImageAttrs, 'alt' | 'caption' | 'credit'>;

// The three texts an image carries, in the glossary's words; also used by the lead image.
export const IMAGE_TEXT_FIELDS: { name: keyof ImageText; label: string; max: number }[] = [
  { name: 'alt', label: 'النص البديل', max: IMAGE_TEXT_MAX },
  { name: 'caption', label: 'التعليق على الصورة', max: IMAGE_TEXT_MAX },
  { name: 'credit', label: 'مصدر الصورة', max: IMAGE_CREDIT_MAX },
];

// The texts of the image selected in the body, edited beside it and stored on the image node.
export function ImageDetails({ editor }: { editor: Editor }) {
  const selected = useEditorState({
    editor,
    selector: ({ editor: e }): ImageText | null => {
      const { selection } = e.state;
      if (!(selection instanceof NodeSelection) || selection.node.type.name !== 'image') return null;
      const { alt, caption, credit } = selection.node.attrs as ArticleImageAttrs;
      return { alt, caption, credit };
    },
    equalityFn: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  if (!selected) return null;
  return (
    <fieldset className="image-details">
      <legend>صورة</legend>
      {IMAGE_TEXT_FIELDS.map((field) => (
        <div className="field" key={field.name}>
          <label htmlFor={`body-image-${field.name}`}>{field.label}</label>
          <input
            id={`body-image-${field.name}`}
            type="text"
            value={selected[field.name]}
            readOnly={!editor.isEditable}
            maxLength={field.max}
            onChange={(e) => {
              // Keeps the image selected, so the next keystroke edits the same image.
              const { from } = editor.state.selection;
              editor
                .chain()
                .updateAttributes('image', { [field.name]: e.target.value })
                .setNodeSelection(from)
                .run();
            }}
          />
        </div>
      ))}
    </fieldset>
  );
}
