package dev.sockets;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.tomcat.metrics.TomcatMetricsBinder;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.CharacterEncodingFilter;

import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service starts without the auto-configurations it has no use for, and without a
 * generated subclass of its application class.
 */
@SocketsTest
class SocketsApplicationTest {

	@Autowired
	private ConfigurableListableBeanFactory beanFactory;

	@Test
	void theAutoConfigurationsLeftOutExistAndAreLeftOut() {
		List<String> excluded = List
			.of(SocketsApplication.class.getAnnotation(SpringBootApplication.class).excludeName());
		assertThat(excluded).hasSize(8);
		// A name that no longer exists (a Spring Boot upgrade moved it) would be
		// ignored without a word.
		assertThat(excluded).allMatch((name) -> ClassUtils.isPresent(name, getClass().getClassLoader()));
		assertThat(ConditionEvaluationReport.get(this.beanFactory).getExclusions()).containsAll(excluded);
		assertThat(this.beanFactory.getBeanNamesForType(TomcatMetricsBinder.class)).isEmpty();
		assertThat(this.beanFactory.getBeanNamesForType(CharacterEncodingFilter.class)).isEmpty();
	}

	@Test
	void theApplicationClassIsNotProxied() {
		assertThat(this.beanFactory.getBean(SocketsApplication.class).getClass()).isEqualTo(SocketsApplication.class);
	}

}
