/**
 * The one way an HTTP platform's post is created: POST once; if its fate is unknown (the connection
 * dropped, a time-out, a 5xx, an answer that cannot be read), never POST again — look the post up in
 * the writer's own list first, and take the one found as created. A POST the platform refused is the
 * platform's failure, said in its own terms. Qiita and dev.to use it (Hatena Blog's AtomPub flow
 * has drafts and a collection of its own, see hatena.ts).
 */
import type { Localized } from "../shared/i18n";
import { say } from "../shared/i18n";
import type { HttpResponse } from "./http";
import { failure } from "./postBody";
import { PublishFailure, type PublishEnvironment } from "./types";

export interface CreateFlow<T> {
  /** The POST itself (not idempotent: sent once). */
  post(): Promise<HttpResponse>;
  /** The created item in the POST's answer, or undefined when the answer cannot be read. */
  parse(body: string): T | undefined;
  /** A POST failure whose outcome is certain, in the platform's terms. */
  refused(e: unknown): unknown;
  /** After a POST of unknown fate: the item it created, if the writer's list shows one. */
  find(): Promise<T | undefined>;
  /** The request, for the log (`POST /api/articles`), and what the platform calls a post. */
  request: string;
  thing: string;
  words: {
    /** The POST answered `status`, but the answer could not be read. */
    unreadable(status: number): Localized;
    /** The lookup failed too: the post may or may not exist. */
    lookupFailed(why: Localized, lookup: Localized): Localized;
    /** The lookup found nothing: nothing was created. */
    notCreated(why: Localized): Localized;
  };
  env: PublishEnvironment;
}

/** The created item, and whether it was found by the lookup after an unanswered POST. */
export interface Created<T> {
  item: T;
  recovered: boolean;
}

/** Kinds of POST failure after which the post may exist all the same. */
const UNCERTAIN = new Set(["ambiguous", "server", "timeout"]);

export async function createOrRecover<T>(flow: CreateFlow<T>): Promise<Created<T>> {
  let uncertain: PublishFailure | undefined;
  try {
    const response = await flow.post();
    const item = flow.parse(response.body);
    if (item) return { item, recovered: false };
    uncertain = failure("ambiguous", flow.words.unreadable(response.status));
  } catch (e) {
    if (e instanceof PublishFailure && UNCERTAIN.has(e.error.kind)) uncertain = e;
    else throw flow.refused(e);
  }
  const why = uncertain.error.message;
  const detail = uncertain.error.detail !== undefined ? { detail: uncertain.error.detail } : {};
  flow.env.log?.(`${flow.request}: ${why.en} Looking the ${flow.thing} up before anything else.`);
  let found: T | undefined;
  try {
    found = await flow.find();
  } catch (e) {
    const lookup = e instanceof PublishFailure ? e.error.message : say(String(e), String(e));
    throw failure("ambiguous", flow.words.lookupFailed(why, lookup), detail);
  }
  if (!found) throw failure("ambiguous", flow.words.notCreated(why), detail);
  return { item: found, recovered: true };
}
