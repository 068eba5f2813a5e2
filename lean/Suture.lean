import Suture.Policy
