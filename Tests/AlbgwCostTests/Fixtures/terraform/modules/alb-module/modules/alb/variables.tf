# An ALB module shaped like the public ones: maps of listeners and target groups with optional
# attributes, a create switch, and count/for_each everywhere.
variable "create" {
  type    = bool
  default = true
}

variable "name" {
  type = string
}

variable "internal" {
  type    = bool
  default = false
}

variable "subnets" {
  type    = list(string)
  default = []
}

variable "security_groups" {
  type    = list(string)
  default = []
}

variable "listeners" {
  type = map(object({
    port       = number
    protocol   = optional(string, "HTTP")
    ssl_policy = optional(string)
    forward = optional(object({
      target_group_key = string
    }))
    fixed_response = optional(object({
      content_type = string
      status_code  = optional(number, 200)
    }))
  }))
  default = {}
}

variable "target_groups" {
  type = map(object({
    name_prefix = optional(string)
    target_type = optional(string, "instance")
    target_id   = optional(string)
    port        = optional(number)
    protocol    = optional(string)
    health_check = optional(object({
      path    = optional(string, "/")
      matcher = optional(string, "200")
    }))
  }))
  default = {}
}
