/**
 * STM32F4 targets (F401, F411): identification, unique ID, option bytes, sector layout and a flash programmer that
 * erases, programs and verifies through a MEM-AP.
 */
package io.flashstation.probe.target;
