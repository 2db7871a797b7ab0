#ifndef SENTINEL_CPCAP_SHIM_H
#define SENTINEL_CPCAP_SHIM_H
#include <pcap/pcap.h>
#endif
