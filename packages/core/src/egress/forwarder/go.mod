module suture.local/egress-forwarder

go 1.22
