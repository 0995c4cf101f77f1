import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BROWSERS, SYSTEMS, deviceNameOf } from "../../shared/device-name";

describe("deviceNameOf (the User-Agent at binding time)", () => {
  it.each([
    [
      "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
      "Chrome",
      "Android",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
      "Safari",
      "iPhone",
    ],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0", "Firefox", "Windows"],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
      "Edge",
      "Windows",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/117.0.190 Chrome/111.0.5563.190 Safari/537.36",
      "Cốc Cốc",
      "Windows",
    ],
    [
      "Mozilla/5.0 (Linux; Android 13; SM-A515F) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
      "Samsung Internet",
      "Android",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/119.0.6045.169 Mobile/15E148 Safari/604.1",
      "Chrome",
      "iPhone",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15",
      "Safari",
      "macOS",
    ],
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/150.0.0.0 Safari/537.36",
      "Chrome",
      "Linux",
    ],
    [
      "Mozilla/5.0 (Linux; Android 7.0; Redmi Note 4 Build/NRD90M; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0 Mobile Safari/537.36 Zalo android/12100563 ZaloTheme/light",
      "Zalo",
      "Android",
    ],
  ])("%s → %s trên %s", (ua, browser, os) => {
    expect(deviceNameOf(ua)).toEqual({ browser, os });
  });

  it.each([null, undefined, "", "curl/8.5.0", "Wget/1.21"])("names nothing from %j", (ua) => {
    expect(deviceNameOf(ua)).toEqual({ browser: null, os: null });
  });

  it("always answers a known name or null, whatever it is given", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (ua) => {
        const { browser, os } = deviceNameOf(ua);
        expect(browser === null || (BROWSERS as readonly string[]).includes(browser)).toBe(true);
        expect(os === null || (SYSTEMS as readonly string[]).includes(os)).toBe(true);
      }),
    );
  });
});
