import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher } from '../events/eventbridge-publisher';
import type { EventPublisher } from '../events/event-publisher';
import { provide } from './dependencies';

/** Publishing to the bus (EventBridge): imported only by the functions that publish. */
provide({
  events: ({ config }): EventPublisher => {
    let publisher: EventPublisher | undefined;
    return {
      publish: (events) => {
        if (!config.eventBusName) throw new Error('EVENT_BUS_NAME is not configured');
        publisher ??= new EventBridgePublisher(new EventBridgeClient({ region: config.region }), config.eventBusName);
        return publisher.publish(events);
      },
    };
  },
});
