/**
 * The USB seam over usb4java (libusb 1.0.22): enumeration, hotplug or polling, open links and their transfers.
 * libusb-specific translation (error codes, descriptors, port paths, device-list changes) lives in small pure
 * classes so that it can be checked without hardware; the classes that touch libusb are thin.
 */
package io.flashstation.usb.libusb;
