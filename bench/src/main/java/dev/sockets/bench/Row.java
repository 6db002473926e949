package dev.sockets.bench;

/**
 * One figure of the report, for the service and the reference side by side.
 *
 * @param scenario what was run
 * @param measure what was measured
 * @param unit its unit
 * @param service the service's figure
 * @param reference the reference server's figure, or NaN where there is none
 * @param target the figure the service should reach, in words; empty for none
 * @param met whether the service reached it; null where there is no target
 */
record Row(String scenario, String measure, String unit, double service, double reference, String target, Boolean met) {

	static Row of(String scenario, String measure, String unit, double service, double reference) {
		return new Row(scenario, measure, unit, service, reference, "", null);
	}

	Row target(String target, boolean met) {
		return new Row(this.scenario, this.measure, this.unit, this.service, this.reference, target, met);
	}

	/**
	 * @return service / reference, or NaN where there is no reference figure or it is
	 * zero
	 */
	double ratio() {
		return (Double.isNaN(this.reference) || this.reference == 0) ? Double.NaN : this.service / this.reference;
	}

}
