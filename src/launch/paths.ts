/** The launcher's neighbours, in the same directory as `main.js` (dist/, in the image /app/dist). */
export const FUNCTION_BUNDLE = 'function.cjs';
export const FUNCTION_CACHE = 'function.cache';
