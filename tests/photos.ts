import sharp from 'sharp';

// A picture with the size and entropy of a photograph (noise over a colour, where a flat colour
// would encode to almost nothing), made with sharp for the upload tests and the end-to-end specs.

export function photo(width: number, height: number) {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#336699',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  });
}

// The same as a JPEG file, as a camera or a phone sends one.
export const jpegPhoto = (width: number, height: number) => photo(width, height).jpeg().toBuffer();
