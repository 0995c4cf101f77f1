/** jsQR as a plain script for the classic worker (see `./jsqr.classic.ts`): it sets `self.jsQR`. */
import jsQR from "jsqr";

(self as unknown as { jsQR: typeof jsQR }).jsQR = jsQR;
