// The event bus conformance suite on the in-process bus (the embedded default).
import { InProcessEventBus } from '../../../server/events/bus.js';
import { runBusSuite } from './bus-suite.js';

runBusSuite('InProcessEventBus', async ({ onSubscriberError }) => new InProcessEventBus({ onSubscriberError }));
