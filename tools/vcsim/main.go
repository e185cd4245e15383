// vcsim launcher: VMware's vCenter simulator (govmomi's simulator package, as Debian ships it) with
// the default VPX inventory, listening on loopback. Prints "URL <url>" and "CA <pem file>" once ready,
// then serves until SIGTERM/SIGINT. Used by migbench's tests and demos (scripts/vcsim.sh).
// migbench's own additions, not VMware's, are in vmknics.go and virtual_nic_manager.go: VMkernel
// adapters vmk1/vmk2 and a vim.host.VirtualNicManager per host, which govmomi 0.24 lacks.
package main

import (
	"crypto/tls"
	"flag"
	"fmt"
	"log"
	"net/url"
	"os"
	"os/signal"
	"syscall"

	"github.com/vmware/govmomi/simulator"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "host:port to listen on")
	username := flag.String("username", "", "accept only this user (default: any)")
	password := flag.String("password", "", "and this password")
	plain := flag.Bool("http", false, "serve plain HTTP instead of TLS")
	flag.Parse()

	model := simulator.VPX()
	defer model.Remove()
	if err := model.Create(); err != nil {
		log.Fatal(err)
	}
	extendHosts() // migbench's addition: vmknics and a HostVirtualNicManager per host (vmknics.go)
	model.Service.Listen = &url.URL{Host: *listen}
	if *username != "" {
		model.Service.Listen.User = url.UserPassword(*username, *password)
	}
	if !*plain {
		model.Service.TLS = new(tls.Config)
	}
	server := model.Service.NewServer()
	defer server.Close()

	u := *server.URL
	u.User = nil
	fmt.Printf("URL %s\n", u.String())
	if !*plain {
		ca, err := server.CertificateFile()
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("CA %s\n", ca)
	}
	os.Stdout.Sync()

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	<-stop
}
