/** The registered vendors' provider names, for tests that name one (the domain knows none by name). */
import { EVALYO } from '../../src/vendors/evalyo/evalyo.descriptor';
import { HEYMILO } from '../../src/vendors/heymilo/heymilo.descriptor';
import { MICRO1 } from '../../src/vendors/micro1/micro1.descriptor';
import { XOBIN } from '../../src/vendors/xobin/xobin.descriptor';
// The vendor list registers their providers (global ids, webhook URLs and config parse them).
import '../../src/vendors/vendors';

export const Provider = { MICRO1, HEYMILO, XOBIN, EVALYO } as const;
