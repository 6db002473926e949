package dev.sockets.tcp;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service runs without Netty's leak detection, which by default follows one buffer in
 * 128 with a stack trace taken when it is allocated.
 */
@SocketsTest
class NettyLeakDetectionTest {

	@Test
	void buffersAreAllocatedWithoutLeakTracking() {
		assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
		List<ByteBuf> buffers = new ArrayList<>();
		try {
			// With detection on, about 8 of these would be tracked, and none in only
			// one run of 3,000.
			for (int i = 0; i < 1024; i++) {
				buffers.add(ByteBufAllocator.DEFAULT.directBuffer(32));
			}
			assertThat(buffers).noneMatch((buffer) -> buffer.getClass().getSimpleName().contains("LeakAware"));
		}
		finally {
			buffers.forEach(ByteBuf::release);
		}
	}

}
