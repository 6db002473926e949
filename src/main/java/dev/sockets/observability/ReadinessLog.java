package dev.sockets.observability;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;

/**
 * Logs every change of readiness, so the log shows when the service started and stopped
 * taking traffic, in order with the rest of a shutdown.
 */
final class ReadinessLog implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

	private static final Log logger = LogFactory.getLog(ReadinessLog.class);

	private ReadinessState last;

	@Override
	public synchronized void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
		// The management server's context repeats what the application's announces.
		if (event.getState() != this.last) {
			this.last = event.getState();
			logger.info("Readiness: " + event.getState());
		}
	}

}
