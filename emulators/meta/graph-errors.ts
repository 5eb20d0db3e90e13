/** Graph error envelopes exactly as Meta shapes them: https://developers.facebook.com/docs/graph-api/guides/error-handling */
export interface GraphFailure {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

let trace = 0;

export function graphError(
  status: number,
  code: number,
  message: string,
  extra: { subcode?: number; type?: string; transient?: boolean; headers?: Record<string, string> } = {},
): GraphFailure {
  trace += 1;
  const error: Record<string, unknown> = { message, type: extra.type ?? "OAuthException", code };
  if (extra.subcode !== undefined) error.error_subcode = extra.subcode;
  if (extra.transient !== undefined) error.is_transient = extra.transient;
  error.fbtrace_id = `EMU${trace.toString(36).padStart(8, "0")}`;
  return { status, body: { error }, ...(extra.headers ? { headers: extra.headers } : {}) };
}

/** (#100) Invalid parameter, the answer to any malformed request field. */
export const invalidParam = (message: string, subcode?: number) =>
  graphError(400, 100, `(#100) ${message}`, subcode === undefined ? {} : { subcode });

export const errors = {
  noToken: () => graphError(400, 104, "An access token is required to request this resource."),
  badToken: () => graphError(400, 190, "Invalid OAuth access token - Cannot parse access token"),
  // Meta answers proof problems as code 100, type GraphMethodException (not an auth error).
  badProof: () =>
    graphError(400, 100, "Invalid appsecret_proof provided in the API argument", { type: "GraphMethodException" }),
  missingProof: () =>
    graphError(400, 100, "API calls from the server require an appsecret_proof argument", {
      type: "GraphMethodException",
    }),
  wrongPage: () => graphError(403, 200, "(#200) The access token does not have permission to act on this Page"),
  notFound: (path: string) =>
    graphError(400, 100, `Unsupported request - method type: ${path}`, { type: "GraphMethodException", subcode: 33 }),
  outsideWindow: () =>
    graphError(400, 10, "(#10) This message is sent outside of allowed window.", { subcode: 2018278 }),
  unavailable: () => graphError(400, 551, "(#551) This person isn't available right now.", { subcode: 1545041 }),
  noUser: () => invalidParam("No matching user found", 2018001),
  /** Messenger changelog 2026-06-25: the Page may not send for a while. */
  pageRestricted: () =>
    graphError(400, 10, "(#10) This Page is temporarily restricted from messaging.", { subcode: 1893063 }),
  /** `regainMinutes` is Meta's estimated_time_to_regain_access; null leaves the usage header out. */
  rateLimited: (regainMinutes: number | null = 1) =>
    graphError(400, 613, "(#613) Calls to this api have exceeded the rate limit.", {
      headers:
        regainMinutes === null
          ? {}
          : {
              "x-business-use-case-usage": JSON.stringify({
                emulator: [
                  {
                    type: "messenger",
                    call_count: 100,
                    total_cputime: 10,
                    total_time: 10,
                    estimated_time_to_regain_access: regainMinutes,
                  },
                ],
              }),
            },
    }),
  server: () =>
    graphError(500, 2, "An unexpected error has occurred. Please retry your request later.", { transient: true }),
};
