/**
 * User Timing marks that tests and the bench read through the page (harmless in production): "vneid-app-ready",
 * "vneid-scan-start"/"vneid-scan-decoded", and "vneid-screen-<chunk>" when a lazily loaded screen's module runs.
 */

/** `performance.mark(name)`, where the browser has the User Timing API. */
export function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // no User Timing API
  }
}
