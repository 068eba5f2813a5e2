// suture-egress-forwarder runs INSIDE a sandbox that has its own network namespace (nothing but loopback).
// It listens on a loopback port of that namespace, relays every connection byte for byte to the Unix socket
// of Suture's host-side egress proxy, and runs the sandboxed command as its child, exiting with its status.
//
// It is untrusted by design: it runs next to the repository's code, which could replace or bypass it. It
// holds no policy and no secret; the host proxy decides everything. Its only job is to give tools that only
// speak TCP proxies (npm, pip, cargo, go) a loopback address to use.
//
// Usage: suture-egress-forwarder -listen 127.0.0.1:3128 -socket /run/suture/egress/proxy.sock -- cmd args...
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

func relay(client net.Conn, socketPath string, slots chan struct{}) {
	defer func() { <-slots }()
	defer client.Close()
	upstream, err := net.DialTimeout("unix", socketPath, 10*time.Second)
	if err != nil {
		return
	}
	defer upstream.Close()
	var wg sync.WaitGroup
	wg.Add(2)
	pipe := func(dst, src net.Conn) {
		defer wg.Done()
		_, _ = io.Copy(dst, src)
		// Half-close so the other direction can finish (HTTP clients close their write side first).
		if c, ok := dst.(interface{ CloseWrite() error }); ok {
			_ = c.CloseWrite()
		} else {
			_ = dst.Close()
		}
	}
	go pipe(upstream, client)
	go pipe(client, upstream)
	wg.Wait()
}

func main() {
	listen := flag.String("listen", "127.0.0.1:3128", "loopback address to listen on inside the sandbox")
	socketPath := flag.String("socket", "", "Unix socket of the host egress proxy")
	maxConns := flag.Int("max-conns", 64, "concurrent relayed connections (the host proxy bounds them too)")
	flag.Parse()
	args := flag.Args()
	if *socketPath == "" || len(args) == 0 {
		fmt.Fprintln(os.Stderr, "suture-egress-forwarder: usage: -listen ADDR -socket PATH -- command [args...]")
		os.Exit(125)
	}
	listener, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintf(os.Stderr, "suture-egress-forwarder: listen %s: %v\n", *listen, err)
		os.Exit(125)
	}
	slots := make(chan struct{}, *maxConns)
	go func() {
		for {
			conn, err := listener.Accept()
			if err != nil {
				if errors.Is(err, net.ErrClosed) {
					return
				}
				time.Sleep(10 * time.Millisecond)
				continue
			}
			slots <- struct{}{}
			go relay(conn, *socketPath, slots)
		}
	}()

	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "suture-egress-forwarder: start %s: %v\n", args[0], err)
		os.Exit(127)
	}
	go func() {
		for sig := range signals {
			_ = cmd.Process.Signal(sig)
		}
	}()
	err = cmd.Wait()
	_ = listener.Close()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		if status, ok := exitErr.Sys().(syscall.WaitStatus); ok && status.Signaled() {
			os.Exit(128 + int(status.Signal()))
		}
		os.Exit(exitErr.ExitCode())
	}
	if err != nil {
		os.Exit(126)
	}
	os.Exit(0)
}
