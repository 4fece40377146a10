import { z } from 'zod';

/**
 * An origin exactly as the engine stores it (`https://host[:port]`, as `URL#origin` gives it).
 * Stored values are our own writes, so anything else is corruption, not user input to tidy.
 */
export const StoredOriginSchema = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}, 'is not an http(s) origin');
