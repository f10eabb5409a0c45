/**
 * The USB seam: the few interfaces every probe driver and the station talk to. Free of any probe protocol;
 * implemented over usb4java for real hardware and by the simulator's virtual bus for the virtual lab.
 */
package io.flashstation.usb;
