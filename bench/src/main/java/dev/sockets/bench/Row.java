package dev.sockets.bench;

/**
 * One figure of the report, for the service and both yardsticks side by side: the Netty
 * reference server and xinetd.
 *
 * @param scenario what was run
 * @param measure what was measured
 * @param unit its unit
 * @param service the service's figure
 * @param reference the reference server's figure, or NaN where there is none
 * @param xinetd xinetd's figure; NaN where xinetd has no such service or was not
 * installed
 * @param xinetdMissing whether xinetd would have had a figure but is not installed
 * @param target the figure the service should reach, in words; empty for none
 * @param met whether the service reached it; null where there is no target
 */
record Row(String scenario, String measure, String unit, double service, double reference, double xinetd,
		boolean xinetdMissing, String target, Boolean met) {

	static Row of(String scenario, String measure, String unit, double service, double reference) {
		return new Row(scenario, measure, unit, service, reference, Double.NaN, false, "", null);
	}

	Row target(String target, boolean met) {
		return new Row(this.scenario, this.measure, this.unit, this.service, this.reference, this.xinetd,
				this.xinetdMissing, target, met);
	}

	/**
	 * @param xinetd xinetd's figure for the same scenario, or null where xinetd is not
	 * installed
	 */
	Row xinetd(Double xinetd) {
		return new Row(this.scenario, this.measure, this.unit, this.service, this.reference,
				(xinetd != null) ? xinetd : Double.NaN, xinetd == null, this.target, this.met);
	}

	/**
	 * @return service / reference, or NaN where there is no reference figure or it is
	 * zero
	 */
	double ratio() {
		return ratio(this.reference);
	}

	/**
	 * @return service / xinetd, or NaN where there is no xinetd figure or it is zero
	 */
	double xinetdRatio() {
		return ratio(this.xinetd);
	}

	private double ratio(double yardstick) {
		return (Double.isNaN(yardstick) || yardstick == 0) ? Double.NaN : this.service / yardstick;
	}

}
