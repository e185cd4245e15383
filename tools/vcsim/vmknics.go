// migbench's addition to vcsim, not VMware's: VMkernel adapters for links to choose from, and a
// HostVirtualNicManager (virtual_nic_manager.go) on every host.
//
// govmomi 0.24's hosts have one VMkernel adapter, vmk0 on "Management Network". Every host here also gets
//
//	vmk1 on portgroup "vMotion-A", 10.10.1.<n>/24
//	vmk2 on portgroup "vMotion-B", 10.10.2.<n>/24
//
// (n = 11, 12, … in the order hosts were registered), added to config.network.vnic, config.network.portgroup,
// vSwitch0 and the host network system's networkInfo. The portgroups are the host's only: no Network
// entity is added to the datacenter, so the inventory's counts stay govmomi's.
//
// Default selection: "management" → vmk0 (ESXi's template) and "vmotion" → vmk0, as in a small lab whose
// management adapter also carries vMotion; every other nic type has none selected.
//
// Hosts added later (AddHost_Task, AddStandaloneHost_Task) get the same through a registry handler.
package main

import (
	"fmt"
	"sort"
	"sync"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

var extraVmknics = []struct{ device, portgroup, subnet string }{
	{"vmk1", "vMotion-A", "10.10.1"},
	{"vmk2", "vMotion-B", "10.10.2"},
}

var defaultSelection = map[string]string{"vmotion": "vmk0"}

// extendedHosts maps a host to its manager: a host is extended once, even when it is put again.
var (
	extendedHosts   = map[types.ManagedObjectReference]*HostVirtualNicManager{}
	extendedHostsMu sync.Mutex
)

// extendHosts gives every host of the created model its vmknics and manager, and watches for hosts added
// afterwards. Call it once, after model.Create().
func extendHosts() {
	var hosts []*simulator.HostSystem
	for _, e := range simulator.Map.All("HostSystem") {
		if h, ok := e.(*simulator.HostSystem); ok {
			hosts = append(hosts, h)
		}
	}
	sort.Slice(hosts, func(i, j int) bool { return hosts[i].Self.Value < hosts[j].Self.Value })
	for _, h := range hosts {
		extendHost(h)
	}
	simulator.Map.AddHandler(&hostWatcher{Self: types.ManagedObjectReference{Type: "MigbenchHostWatcher", Value: "vnic-manager"}})
}

func extendHost(h *simulator.HostSystem) {
	extendedHostsMu.Lock()
	defer extendedHostsMu.Unlock()
	if _, done := extendedHosts[h.Self]; done || h.Config == nil || h.Config.Network == nil {
		return
	}
	addVmknics(h, len(extendedHosts)+11)
	m := newHostVirtualNicManager(h, defaultSelection)
	simulator.Map.Put(m)
	ref := m.Reference()
	h.ConfigManager.VirtualNicManager = &ref
	m.publish(false)
	extendedHosts[h.Self] = m
}

func addVmknics(h *simulator.HostSystem, n int) {
	network := h.Config.Network
	var added []string
	for i, extra := range extraVmknics {
		exists := false
		for _, v := range network.Vnic {
			exists = exists || v.Device == extra.device
		}
		if exists {
			continue
		}
		pgKey := "key-vim.host.PortGroup-" + extra.portgroup
		portKey := fmt.Sprintf("key-vim.host.PortGroup.Port-%d", 33554500+n*10+i)
		mac := fmt.Sprintf("00:50:56:6%d:%02x:%02x", i+1, n/256, n%256)
		vswitch := "vSwitch0"
		if len(network.Vswitch) > 0 {
			vswitch = network.Vswitch[0].Name
			network.Vswitch[0].Portgroup = append(network.Vswitch[0].Portgroup, pgKey)
		}
		added = append(added, extra.portgroup)
		network.Portgroup = append(network.Portgroup, types.HostPortGroup{
			Key:     pgKey,
			Port:    []types.HostPortGroupPort{{Key: portKey, Mac: []string{mac}, Type: "host"}},
			Vswitch: "key-vim.host.VirtualSwitch-" + vswitch,
			Spec:    types.HostPortGroupSpec{Name: extra.portgroup, VswitchName: vswitch},
		})
		network.Vnic = append(network.Vnic, types.HostVirtualNic{
			Device:    extra.device,
			Key:       "key-vim.host.VirtualNic-" + extra.device,
			Portgroup: extra.portgroup,
			Port:      portKey,
			Spec: types.HostVirtualNicSpec{
				Ip:                  &types.HostIpConfig{IpAddress: fmt.Sprintf("%s.%d", extra.subnet, n), SubnetMask: "255.255.255.0"},
				Mac:                 mac,
				Portgroup:           extra.portgroup,
				Mtu:                 9000,
				TsoEnabled:          types.NewBool(true),
				NetStackInstanceKey: "defaultTcpipStack",
			},
		})
	}
	// The host network system's networkInfo shares the template's portgroups until now: keep it in step.
	if ref := h.ConfigManager.NetworkSystem; ref != nil {
		if ns, ok := simulator.Map.Get(*ref).(*simulator.HostNetworkSystem); ok && ns.NetworkInfo != nil {
			ns.NetworkInfo.Portgroup = network.Portgroup
			ns.NetworkInfo.Vnic = network.Vnic
			if len(ns.NetworkInfo.Vswitch) > 0 {
				ns.NetworkInfo.Vswitch[0].Portgroup = append(ns.NetworkInfo.Vswitch[0].Portgroup, added...)
			}
		}
	}
}

// hostWatcher extends hosts registered after extendHosts ran and drops the manager of a removed host.
type hostWatcher struct {
	Self types.ManagedObjectReference
}

func (w *hostWatcher) Reference() types.ManagedObjectReference { return w.Self }

func (w *hostWatcher) PutObject(obj mo.Reference) {
	if h, ok := obj.(*simulator.HostSystem); ok {
		extendHost(h)
	}
}

func (w *hostWatcher) UpdateObject(mo.Reference, []types.PropertyChange) {}

func (w *hostWatcher) RemoveObject(ref types.ManagedObjectReference) {
	extendedHostsMu.Lock()
	m, ok := extendedHosts[ref]
	delete(extendedHosts, ref)
	extendedHostsMu.Unlock()
	if ok { // Map.Remove calls this handler again, for the manager: not under the mutex
		simulator.Map.Remove(m.Reference())
	}
}
