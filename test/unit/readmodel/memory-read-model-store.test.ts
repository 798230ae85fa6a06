import { MemoryReadModelStore } from '../../../src/readmodel/memory-read-model-store';
import { describeReadModelStore } from '../../support/read-model-contract';

describeReadModelStore('in memory', async () => new MemoryReadModelStore());
