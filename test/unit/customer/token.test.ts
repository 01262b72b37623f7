// @vitest-environment node
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signCustomerToken, verifyCustomerToken } from "../../../src/collector/customers/token.js";

const SECRET = "s3cret";
const NOW = Date.UTC(2026, 11, 6, 12);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const sign = (head: string, body: string, secret = SECRET) => createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");

describe("customer tokens (JWT HS256)", () => {
  it("accepts a token the shop signed, with its customer id", () => {
    const token = signCustomerToken("c-1", SECRET, { now: NOW, expiresIn: 600 });
    expect(verifyCustomerToken(token, SECRET, NOW + 1000)).toEqual({ ok: true, customer: "c-1", expires: NOW / 1000 + 600 });
  });

  it("refuses a tampered payload, another secret, alg none, other algorithms, no exp, an expired token", () => {
    const good = signCustomerToken("c-1", SECRET, { now: NOW });
    const [head, , signature] = good.split(".");
    const reason = (token: string) => {
      const check = verifyCustomerToken(token, SECRET, NOW);
      return check.ok ? "accepted" : check.reason;
    };
    expect(reason(`${head}.${b64({ sub: "c-2", exp: NOW / 1000 + 3600 })}.${signature}`)).toMatch(/^bad signature/);
    expect(reason(signCustomerToken("c-1", "other", { now: NOW }))).toMatch(/^bad signature/);
    expect(reason(`${b64({ alg: "none" })}.${b64({ sub: "c-1", exp: NOW / 1000 + 60 })}.`)).toBe('the token is signed with "none"; only HS256 is accepted');
    const hs512 = b64({ alg: "HS512", typ: "JWT" });
    expect(reason(`${hs512}.${b64({ sub: "c-1", exp: NOW / 1000 + 60 })}.${sign(hs512, "x")}`)).toContain('"HS512"');
    const hs256 = b64({ alg: "HS256" });
    const noExp = b64({ sub: "c-1" });
    expect(reason(`${hs256}.${noExp}.${sign(hs256, noExp)}`)).toContain("no exp");
    const noSub = b64({ exp: NOW / 1000 + 60 });
    expect(reason(`${hs256}.${noSub}.${sign(hs256, noSub)}`)).toContain("no sub");
    expect(reason(signCustomerToken("c-1", SECRET, { now: NOW - 3600_000 - 31_000, expiresIn: 3600 }))).toBe("the token expired at 2026-12-06T11:59:29.000Z");
    // Within the 30 s clock skew it still holds.
    expect(reason(signCustomerToken("c-1", SECRET, { now: NOW - 3600_000 - 10_000, expiresIn: 3600 }))).toBe("accepted");
    expect(reason("a.b")).toContain("not a JWT");
    expect(reason(`${b64({ alg: "HS256" })}.!!!.${signature}`)).toMatch(/bad signature|not base64url/);
  });
});
