import { Level1ApplyBody, MeResponse, PhotoResponse } from "../../../shared/schemas";
import { PHOTO_MAX_BYTES, PHOTO_MAX_SIDE, applyLevel1, uploadPortrait } from "../domain/level1";
import { describeAccount } from "../domain/session";
import { unwrap } from "../errors";
import { json } from "../http";
import { defineRoute, jpegBody, jsonBody, routesOf } from "./define";

/** `/api/level1/*`: the level-1 application of a logged-in app account. */
export const level1Routes = routesOf("level1", {
  level1Photo: defineRoute("POST /api/level1/photo", {
    summary: `Upload the portrait of a level-1 application: a JPEG of at most ${PHOTO_MAX_BYTES / 1024} kB and ${PHOTO_MAX_SIDE} px on its longest side`,
    description: "Chụp ảnh chân dung.",
    session: "citizen",
    body: jpegBody(PHOTO_MAX_BYTES),
    response: PhotoResponse,
    errors: ["LEVEL1_NOT_ALLOWED", "RATE_LIMITED"],
    handler: async ({ ctx, session, body }) => unwrap(await uploadPortrait(ctx, session.accountId, body.bytes)),
  }),
  level1Apply: defineRoute("POST /api/level1/apply", {
    summary: "Apply for a level-1 account with the card, the uploaded portrait and an optional e-mail",
    description: "Xác nhận thông tin đăng ký.",
    session: "citizen",
    body: jsonBody(Level1ApplyBody),
    response: MeResponse,
    errors: [
      "LEVEL1_NOT_ALLOWED",
      "CARD_INVALID",
      "QR_MISMATCH",
      "REGISTRY_MISMATCH",
      "PHOTO_NOT_FOUND",
      "REGISTRY_UNAVAILABLE",
    ],
    handler: async ({ ctx, session, body }) => {
      unwrap(await applyLevel1(ctx, session.accountId, body));
      return json(await describeAccount(ctx, session.accountId));
    },
  }),
});
