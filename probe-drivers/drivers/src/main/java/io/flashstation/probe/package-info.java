/**
 * The probe layer: one driver per probe family behind {@link io.flashstation.probe.DebugProbe}, a small batched
 * interface of DP/AP register transfers plus clock, reset, voltage, LEDs and (ST-Link) firmware memory access.
 */
package io.flashstation.probe;
