/** Portrait photos: the bytes live in R2 under keys nobody can guess; D1 holds their rows (`db/photos.ts`). */

/** A stored photo's bytes, as a stream, and its size. */
export interface PhotoBody {
  body: ReadableStream;
  size: number;
}

/** Where portraits are kept. Production and local development both use the `PHOTOS` R2 bucket. */
export interface PhotoStore {
  /** Stores a JPEG under `key`, recording the photo id it belongs to. */
  put(key: string, bytes: Uint8Array, photoId: string): Promise<void>;
  /** True when an object is stored under `key`. */
  exists(key: string): Promise<boolean>;
  /** The object under `key`, or `null`. */
  get(key: string): Promise<PhotoBody | null>;
  /** Removes the object under `key` (nothing happens when there is none). */
  delete(key: string): Promise<void>;
}

/** The R2 store: one R2 call per method. */
export class R2Photos implements PhotoStore {
  constructor(private readonly bucket: R2Bucket) {}

  async put(key: string, bytes: Uint8Array, photoId: string): Promise<void> {
    await this.bucket.put(key, bytes, { httpMetadata: { contentType: "image/jpeg" }, customMetadata: { photoId } });
  }

  async exists(key: string): Promise<boolean> {
    return (await this.bucket.head(key)) !== null;
  }

  get(key: string): Promise<PhotoBody | null> {
    return this.bucket.get(key);
  }

  async delete(key: string): Promise<void> {
    await this.bucket.delete(key);
  }
}
