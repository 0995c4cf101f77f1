import { afterEach, expect } from "vitest";
import { takeUndocumentedCodes } from "../../worker/src/routes/define";

// With CHECK_ROUTE_CODES (vitest.config.ts), a route that answers an error code it does not declare answers 500
// instead and records it here: the test that made the request fails, whatever it expected.
afterEach(() => {
  expect(takeUndocumentedCodes(), "error codes that their routes do not declare").toEqual([]);
});
