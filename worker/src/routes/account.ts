import type { RouterType } from "itty-router";
import { LogoutOthersBody, PasscodeRecoveryStartBody, RecoveryAnswerBody, RecoveryStartBody, UnlinkDeviceBody } from "../../../shared/account-schemas";
import { FlowBody, OtpVerifyBody, PasscodeBody, PasswordBody } from "../../../shared/schemas";
import type { Ctx } from "../context";
import { sha256Hex } from "../crypto";
import { listActivity, listDevices, logoutOtherSessions, unlinkDevice } from "../domain/devices";
import {
  answerRecoveryQuestion,
  cancelPasscodeRecovery,
  cancelPasswordRecovery,
  passcodeRecoveryStatus,
  passwordRecoveryStatus,
  resendPasscodeRecoveryOtp,
  resendPasswordRecoveryOtp,
  resetRecoveredPasscode,
  resetRecoveredPassword,
  startPasscodeRecovery,
  startPasswordRecovery,
  verifyPasscodeRecoveryOtp,
  verifyPasswordRecoveryOtp,
} from "../domain/recovery";
import { SESSION_COOKIE } from "../domain/session";
import { json, readJson } from "../http";
import { cookieHeader } from "./auth";
import { type Args, type Req, ctxOf, readCookie, requireAccount, unwrap } from "./util";

/** The logged-in account and the hash of this request's session token (to tell "Phiên hiện tại" apart). */
async function requireSession(req: Request, ctx: Ctx): Promise<{ accountId: string; tokenHash: string }> {
  const accountId = await requireAccount(req, ctx);
  return { accountId, tokenHash: await sha256Hex(readCookie(req, SESSION_COOKIE) ?? "") };
}

/**
 * `/api/recovery/*` ("Quên mật khẩu", no session) and, for the logged-in citizen, `/api/me/devices`,
 * `/api/me/sessions/logout-others`, `/api/me/device/unlink`, `/api/me/activity` and `/api/me/passcode-recovery/*`.
 */
export function accountRoutes(router: RouterType<Req, Args>): void {
  router
    .post("/api/recovery/start", async (req, env) => {
      const body = await readJson(req, RecoveryStartBody);
      return json(unwrap(await startPasswordRecovery(await ctxOf(env, req), body)).state);
    })
    .post("/api/recovery/status", async (req, env) => {
      const { flowId } = await readJson(req, FlowBody);
      return json(unwrap(await passwordRecoveryStatus(await ctxOf(env, req), flowId)).state);
    })
    .post("/api/recovery/otp", async (req, env) => {
      const { flowId } = await readJson(req, FlowBody);
      return json(unwrap(await resendPasswordRecoveryOtp(await ctxOf(env, req), flowId)).state);
    })
    .post("/api/recovery/verify", async (req, env) => {
      const { flowId, otp } = await readJson(req, OtpVerifyBody);
      return json(unwrap(await verifyPasswordRecoveryOtp(await ctxOf(env, req), flowId, otp)).state);
    })
    .post("/api/recovery/answer", async (req, env) => {
      const { flowId, answer } = await readJson(req, RecoveryAnswerBody);
      return json(unwrap(await answerRecoveryQuestion(await ctxOf(env, req), flowId, answer)).state);
    })
    .post("/api/recovery/password", async (req, env) => {
      const { flowId, password } = await readJson(req, PasswordBody);
      return json(unwrap(await resetRecoveredPassword(await ctxOf(env, req), flowId, password)).state);
    })
    .post("/api/recovery/cancel", async (req, env) => {
      const { flowId } = await readJson(req, FlowBody);
      await cancelPasswordRecovery(await ctxOf(env, req), flowId);
      return json({ ok: true });
    })
    .get("/api/me/devices", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const { accountId, tokenHash } = await requireSession(req, ctx);
      return json(await listDevices(ctx, accountId, tokenHash));
    })
    .get("/api/me/activity", async (req, env) => {
      const ctx = await ctxOf(env, req);
      return json(await listActivity(ctx, await requireAccount(req, ctx)));
    })
    .post("/api/me/sessions/logout-others", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const { accountId, tokenHash } = await requireSession(req, ctx);
      await readJson(req, LogoutOthersBody);
      return json(await logoutOtherSessions(ctx, accountId, tokenHash));
    })
    .post("/api/me/device/unlink", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const accountId = await requireAccount(req, ctx);
      const { passcode } = await readJson(req, UnlinkDeviceBody);
      unwrap(await unlinkDevice(ctx, accountId, passcode));
      // Every session ended, this one too: the citizen logs in again.
      return json({ ok: true }, 200, { "set-cookie": cookieHeader(req, env, SESSION_COOKIE, "", 0) });
    })
    .post("/api/me/passcode-recovery/start", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const accountId = await requireAccount(req, ctx);
      await readJson(req, PasscodeRecoveryStartBody);
      return json(unwrap(await startPasscodeRecovery(ctx, accountId)).state);
    })
    .post("/api/me/passcode-recovery/status", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const accountId = await requireAccount(req, ctx);
      const { flowId } = await readJson(req, FlowBody);
      return json(unwrap(await passcodeRecoveryStatus(ctx, accountId, flowId)).state);
    })
    .post("/api/me/passcode-recovery/otp", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const accountId = await requireAccount(req, ctx);
      const { flowId } = await readJson(req, FlowBody);
      return json(unwrap(await resendPasscodeRecoveryOtp(ctx, accountId, flowId)).state);
    })
    .post("/api/me/passcode-recovery/verify", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const accountId = await requireAccount(req, ctx);
      const { flowId, otp } = await readJson(req, OtpVerifyBody);
      return json(unwrap(await verifyPasscodeRecoveryOtp(ctx, accountId, flowId, otp)).state);
    })
    .post("/api/me/passcode-recovery/passcode", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const { accountId, tokenHash } = await requireSession(req, ctx);
      const { flowId, passcode } = await readJson(req, PasscodeBody);
      return json(unwrap(await resetRecoveredPasscode(ctx, accountId, tokenHash, flowId, passcode)).state);
    })
    .post("/api/me/passcode-recovery/cancel", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const accountId = await requireAccount(req, ctx);
      const { flowId } = await readJson(req, FlowBody);
      await cancelPasscodeRecovery(ctx, accountId, flowId);
      return json({ ok: true });
    });
}
