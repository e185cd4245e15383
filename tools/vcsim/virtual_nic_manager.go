// migbench's addition to vcsim, not VMware's: govmomi 0.24's simulator gives every host a
// configManager.virtualNicManager reference ("ha-vnic-mgr") that points at nothing, so no client can choose
// which VMkernel adapter carries vMotion. This file adds a HostVirtualNicManager per host, written from the
// vSphere API reference (vim.host.VirtualNicManager):
//
//   - QueryNetConfig(nicType) returns the VirtualNicManagerNetConfig of that type; an unknown nicType is
//     InvalidArgument (invalidProperty "nicType").
//   - SelectVnicForNicType(nicType, device) marks the host's VMkernel adapter `device` ("vmk1") for that
//     type, adding it to the selection when the type allows several (all of them do, as on ESXi) and
//     replacing it otherwise; selecting an already selected adapter changes nothing. An unknown nicType or
//     device is InvalidArgument ("nicType" / "device").
//   - DeselectVnicForNicType(nicType, device) removes it; an unknown nicType or device, or one that is not
//     selected for that type, is InvalidArgument (as the reference says).
//   - "vsan" is refused with NotSupported on both, as ESXi does: vSAN interfaces go through HostVsanSystem.
//
// The manager's `info` and the host's config.virtualNicManagerInfo (and the older config.vmotion.netConfig)
// are rewritten after every change, so the property collector sees the same selection either way. The
// candidates of every type are the host's config.network.vnic, keyed "<nicType>.<vnic key>" as ESXi keys
// them. See vmknics.go for the adapters every host gets and the default selection.
package main

import (
	"fmt"
	"strings"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// HostVirtualNicManager is one host's vim.host.VirtualNicManager. The embedded mo type comes first: the
// simulator's property collector reads properties from the first field.
type HostVirtualNicManager struct {
	mo.HostVirtualNicManager

	host *simulator.HostSystem
	// The nic types this host knows, in the order ESXi lists them, and whether each allows several vnics.
	nicTypes []string
	multi    map[string]bool
	// Selected devices ("vmk0") per nic type, in the order they were selected.
	selected map[string][]string
}

// newHostVirtualNicManager takes the nic types and the initial selection from the host's own
// config.virtualNicManagerInfo (the ESXi template's), then applies `defaults` (nicType → device).
func newHostVirtualNicManager(host *simulator.HostSystem, defaults map[string]string) *HostVirtualNicManager {
	m := &HostVirtualNicManager{host: host, multi: map[string]bool{}, selected: map[string][]string{}}
	if info := host.Config.VirtualNicManagerInfo; info != nil {
		for _, c := range info.NetConfig {
			m.nicTypes = append(m.nicTypes, c.NicType)
			m.multi[c.NicType] = c.MultiSelectAllowed
			for _, key := range c.SelectedVnic {
				for _, v := range c.CandidateVnic {
					if v.Key == key && m.hasDevice(v.Device) {
						m.selected[c.NicType] = append(m.selected[c.NicType], v.Device)
					}
				}
			}
		}
	}
	for nicType, device := range defaults {
		if _, known := m.multi[nicType]; known && m.hasDevice(device) && !m.isSelected(nicType, device) {
			m.selected[nicType] = append(m.selected[nicType], device)
		}
	}
	return m
}

func (m *HostVirtualNicManager) hasDevice(device string) bool {
	for _, v := range m.host.Config.Network.Vnic {
		if v.Device == device {
			return true
		}
	}
	return false
}

func (m *HostVirtualNicManager) isSelected(nicType, device string) bool {
	for _, d := range m.selected[nicType] {
		if d == device {
			return true
		}
	}
	return false
}

func (m *HostVirtualNicManager) devices() []string {
	var names []string
	for _, v := range m.host.Config.Network.Vnic {
		names = append(names, v.Device)
	}
	return names
}

// netConfig is the VirtualNicManagerNetConfig of one nic type as it stands.
func (m *HostVirtualNicManager) netConfig(nicType string) types.VirtualNicManagerNetConfig {
	c := types.VirtualNicManagerNetConfig{NicType: nicType, MultiSelectAllowed: m.multi[nicType]}
	for _, v := range m.host.Config.Network.Vnic {
		candidate := v
		candidate.Key = nicType + "." + v.Key
		c.CandidateVnic = append(c.CandidateVnic, candidate)
	}
	for _, device := range m.selected[nicType] {
		for _, v := range c.CandidateVnic {
			if v.Device == device {
				c.SelectedVnic = append(c.SelectedVnic, v.Key)
			}
		}
	}
	return c
}

// publish rewrites the manager's info and the host's copies of it. lockHost is false only while the host
// is being registered, when nothing else can hold its lock.
func (m *HostVirtualNicManager) publish(lockHost bool) {
	info := types.HostVirtualNicManagerInfo{}
	for _, nicType := range m.nicTypes {
		info.NetConfig = append(info.NetConfig, m.netConfig(nicType))
	}
	m.Info = info
	vmotion := m.netConfig(string(types.HostVirtualNicManagerNicTypeVmotion))
	update := func() {
		hostInfo := info
		m.host.Config.VirtualNicManagerInfo = &hostInfo
		if m.host.Config.Vmotion != nil {
			legacy := &types.HostVMotionNetConfig{CandidateVnic: vmotion.CandidateVnic}
			if len(vmotion.SelectedVnic) > 0 {
				legacy.SelectedVnic = vmotion.SelectedVnic[0]
			}
			m.host.Config.Vmotion.NetConfig = legacy
		}
	}
	if lockHost {
		simulator.Map.WithLock(m.host, update)
	} else {
		update()
	}
}

// check returns the fault for a nicType/device pair the reference says is invalid, or nil.
func (m *HostVirtualNicManager) check(nicType, device string, selecting bool) *soap.Fault {
	if _, known := m.multi[nicType]; !known {
		return simulator.Fault(fmt.Sprintf("A specified parameter was not correct: nicType (%s is not a nic type of %s)",
			nicType, m.host.Name), &types.InvalidArgument{InvalidProperty: "nicType"})
	}
	if nicType == string(types.HostVirtualNicManagerNicTypeVsan) {
		verb := "deselect"
		if selecting {
			verb = "select"
		}
		return simulator.Fault(fmt.Sprintf("Error %sing device %s: VSAN interfaces must be %sed using vim.host.VsanSystem",
			verb, device, verb), &types.NotSupported{})
	}
	if !m.hasDevice(device) {
		return simulator.Fault(fmt.Sprintf("A specified parameter was not correct: device (%s has no VMkernel adapter %s; it has %s)",
			m.host.Name, device, strings.Join(m.devices(), ", ")), &types.InvalidArgument{InvalidProperty: "device"})
	}
	return nil
}

// QueryNetConfig implements vim.host.VirtualNicManager.queryNetConfig.
func (m *HostVirtualNicManager) QueryNetConfig(req *types.QueryNetConfig) soap.HasFault {
	body := &methods.QueryNetConfigBody{}
	if _, known := m.multi[req.NicType]; !known {
		body.Fault_ = simulator.Fault(fmt.Sprintf("A specified parameter was not correct: nicType (%s is not a nic type of %s)",
			req.NicType, m.host.Name), &types.InvalidArgument{InvalidProperty: "nicType"})
		return body
	}
	c := m.netConfig(req.NicType)
	body.Res = &types.QueryNetConfigResponse{Returnval: &c}
	return body
}

// SelectVnicForNicType implements vim.host.VirtualNicManager.selectVnic.
func (m *HostVirtualNicManager) SelectVnicForNicType(req *types.SelectVnicForNicType) soap.HasFault {
	body := &methods.SelectVnicForNicTypeBody{}
	if fault := m.check(req.NicType, req.Device, true); fault != nil {
		body.Fault_ = fault
		return body
	}
	if !m.isSelected(req.NicType, req.Device) {
		if m.multi[req.NicType] {
			m.selected[req.NicType] = append(m.selected[req.NicType], req.Device)
		} else {
			m.selected[req.NicType] = []string{req.Device}
		}
		m.publish(true)
	}
	body.Res = &types.SelectVnicForNicTypeResponse{}
	return body
}

// DeselectVnicForNicType implements vim.host.VirtualNicManager.deselectVnic.
func (m *HostVirtualNicManager) DeselectVnicForNicType(req *types.DeselectVnicForNicType) soap.HasFault {
	body := &methods.DeselectVnicForNicTypeBody{}
	if fault := m.check(req.NicType, req.Device, false); fault != nil {
		body.Fault_ = fault
		return body
	}
	if !m.isSelected(req.NicType, req.Device) {
		body.Fault_ = simulator.Fault(fmt.Sprintf("A specified parameter was not correct: device (%s is not selected for %s on %s)",
			req.Device, req.NicType, m.host.Name), &types.InvalidArgument{InvalidProperty: "device"})
		return body
	}
	var kept []string
	for _, d := range m.selected[req.NicType] {
		if d != req.Device {
			kept = append(kept, d)
		}
	}
	m.selected[req.NicType] = kept
	m.publish(true)
	body.Res = &types.DeselectVnicForNicTypeResponse{}
	return body
}
