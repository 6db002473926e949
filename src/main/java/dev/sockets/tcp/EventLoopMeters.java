package dev.sockets.tcp;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.netty.buffer.ByteBufAllocatorMetricProvider;

/**
 * Micrometer's Netty meters on the TCP listeners' own threads and buffers: the I/O
 * threads and the accepting thread, each with the tasks waiting for it
 * ({@code netty.eventexecutor.*}, tagged {@code group}: {@code io} or {@code accept}),
 * and the allocator every connection's buffers come from ({@code netty.allocator.*}).
 */
public final class EventLoopMeters implements MeterBinder {

	private final EventLoops eventLoops;

	public EventLoopMeters(EventLoops eventLoops) {
		this.eventLoops = eventLoops;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		new NettyEventExecutorMetrics(this.eventLoops.workers(), Tags.of("group", "io")).bindTo(registry);
		new NettyEventExecutorMetrics(this.eventLoops.acceptor(), Tags.of("group", "accept")).bindTo(registry);
		if (this.eventLoops.allocator() instanceof ByteBufAllocatorMetricProvider allocator) {
			new NettyAllocatorMetrics(allocator).bindTo(registry);
		}
	}

}
