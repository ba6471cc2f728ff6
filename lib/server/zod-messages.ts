import "server-only";
import { config } from "zod/mini";
import { en } from "zod/locales";

/**
 * The shared schemas use zod/mini, which carries no messages of its own (the browser only needs to
 * know that an answer is wrong, and where). The server's 400 and 502 answers quote zod's messages
 * ("Too big: expected number to be <=604800"), so it sets the English ones once, on import.
 */
config(en());
